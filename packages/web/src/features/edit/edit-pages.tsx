// Placeholder until editing lands.
export const GoalEditPage = ({ name }: { name?: string }) => <h1>Edit goal {name}</h1>;
export const KpiEditPage = ({ name }: { name?: string }) => <h1>Edit KPI {name}</h1>;
