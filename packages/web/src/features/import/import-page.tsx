// Placeholder until import lands.
export const ImportPage = ({ dataset }: { dataset?: string | undefined }) => <h1>Import {dataset}</h1>;
