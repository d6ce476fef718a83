// Placeholder until meeting mode lands.
export const MeetingPage = () => <h1>Meeting mode</h1>;
