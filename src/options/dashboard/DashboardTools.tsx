// The dashboard's less frequent work, closed by default so the table starts near the top: adding orgs (one, or many
// from a list or CSV), importing Atlas targets, assigning a client to the selected rows. One toggle button each in the
// toolbar (aria-expanded); the open one shows between the toolbar and the table, with its results inside it.
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { type MessageKey, t } from '../../shared/text/i18n';
import { AddOrgForm } from './AddOrgForm';
import { AssignClient } from './AssignClient';
import { BatchAddOrgs } from './BatchAddOrgs';
import { TargetImport } from './TargetImport';

export type DashboardTool = 'add' | 'targets' | 'assign';
const TOOLS: readonly DashboardTool[] = ['add', 'targets', 'assign'];
const TOOL_KEYS: Readonly<Record<DashboardTool, MessageKey>> = {
  add: 'dash_toolAdd',
  targets: 'dash_toolTargets',
  assign: 'dash_toolAssign',
};

/** The toolbar's toggles: one tool open at a time; pressing the open one closes it. */
export function ToolToggles(props: { open?: DashboardTool; onOpen: (tool: DashboardTool | undefined) => void }) {
  return (
    <div class="tool-toggles">
      {TOOLS.map((tool) => (
        <button
          key={tool}
          type="button"
          aria-expanded={props.open === tool ? 'true' : 'false'}
          aria-controls="dash-tool"
          data-tool={tool}
          onClick={() => props.onOpen(props.open === tool ? undefined : tool)}
        >
          {t(TOOL_KEYS[tool])}
        </button>
      ))}
    </div>
  );
}

export function ToolPanel(props: {
  open?: DashboardTool;
  rows: readonly DashboardRow[];
  selectedRows: readonly DashboardRow[];
  profiles: readonly ProfileView[];
  /** Something was saved: the table is to be read again. */
  onChanged: () => void;
}) {
  const { open, rows, profiles, onChanged } = props;
  return (
    <div id="dash-tool" class="tool-panel" hidden={!open}>
      {open === 'add' && (
        <>
          <AddOrgForm profiles={profiles} onAdded={onChanged} />
          <BatchAddOrgs rows={rows} profiles={profiles} onAdded={onChanged} />
        </>
      )}
      {open === 'targets' && <TargetImport rows={rows} profiles={profiles} canApply onApplied={onChanged} />}
      {open === 'assign' && (
        <AssignClient selectedRows={props.selectedRows} profiles={profiles} onAssigned={onChanged} />
      )}
    </div>
  );
}
