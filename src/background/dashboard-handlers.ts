// Handlers for the dashboard's messages (see shared/dashboard-messages.ts).
import type { DashboardMessages } from '../shared/dashboard-messages';
import type { HandlersOf } from '../shared/messages';

export const dashboardHandlers: HandlersOf<DashboardMessages> = {};
