// Placeholder until the overview lands.
export const OverviewPage = () => <h1>Overview</h1>;
