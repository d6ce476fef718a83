// Placeholder until the KPI page lands.
export const KpiPage = ({ name }: { name: string }) => <h1>KPI {name}</h1>;
