// The table's row selection (for "create and link") and each row's Atlas org choices: the selection is kept by org
// id across filters and reloads (a row that is gone drops out); the choices are one array per client label, so a
// row re-renders only when its own client's Atlas orgs change.
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { type AtlasOrgChoice, atlasOrgsOfClient } from './atlas-targets';

const NONE: readonly AtlasOrgChoice[] = [];

export function useSelection(rows: readonly DashboardRow[], shown: readonly DashboardRow[], profiles: ProfileView[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const onSelect = useCallback((orgId: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(orgId);
      else next.delete(orgId);
      return next;
    });
  }, []);

  const onSelectShown = useCallback(
    (on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        for (const row of shown) {
          if (on) next.add(row.orgId);
          else next.delete(row.orgId);
        }
        return next;
      }),
    [shown],
  );

  // Only rows that are still listed and shown are acted on.
  const selectedRows = useMemo(() => shown.filter((row) => selected.has(row.orgId)), [shown, selected]);
  const known = useMemo(() => new Set(rows.map((row) => row.orgId)), [rows]);
  const current = useMemo(() => new Set([...selected].filter((id) => known.has(id))), [selected, known]);

  // Filled as rows ask, afresh only when the profiles change (not on every poll of a run that changes rows).
  const choices = useMemo(() => new Map<string, readonly AtlasOrgChoice[]>(), [profiles]);
  const atlasOrgsOf = useCallback(
    (row: DashboardRow) => {
      const label = row.profileLabel;
      if (label === undefined) return NONE;
      let list = choices.get(label);
      if (!list) {
        const found = atlasOrgsOfClient(profiles, label);
        list = found.length > 0 ? found : NONE;
        choices.set(label, list);
      }
      return list;
    },
    [choices, profiles],
  );

  return { selected: current, selectedRows, onSelect, onSelectShown, atlasOrgsOf };
}
