// Messages of the dashboard view (every client org at a glance).
export type DashboardMessages = {};
