// Placeholder until the goal dashboard lands.
export const GoalPage = ({ name }: { name: string }) => <h1>Goal {name}</h1>;
