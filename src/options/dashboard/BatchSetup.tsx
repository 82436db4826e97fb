// Batch setup from the dashboard, mounted as one piece: adding many orgs at once (a pasted list or a CSV, previewed
// first) and assigning one client to the selected rows.
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { AssignClient } from './AssignClient';
import { BatchAddOrgs } from './BatchAddOrgs';

export function BatchSetup(props: {
  rows: readonly DashboardRow[];
  selectedRows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  onDone: (text: string) => void;
}) {
  return (
    <>
      <AssignClient selectedRows={props.selectedRows} profiles={props.profiles} onAssigned={props.onDone} />
      <BatchAddOrgs rows={props.rows} profiles={props.profiles} onAdded={props.onDone} />
    </>
  );
}
