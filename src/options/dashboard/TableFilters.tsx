// The table's search box, client filter (each client once, however many key pairs it has) and status filter, the
// count of rows shown, and the CSV export of what is shown: one compact line above the table.
import type { ComponentChildren } from 'preact';
import { clientNames } from '../../core/vault/client-names';
import type { ProfileView } from '../../shared/domain';
import { tn } from '../../shared/text/counted';
import { t } from '../../shared/text/i18n';
import { statusName } from './row-text';
import { NO_CLIENT, STATUS_CATEGORIES, type StatusCategory, type TableFilter } from './table-model';

/** One filter: a labelled list whose first choice, "All", leaves every row in. */
function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{t('dash_filterAll')}</option>
        {props.children}
      </select>
    </div>
  );
}

export function TableFilters(props: {
  filter: TableFilter;
  onChange: (filter: TableFilter) => void;
  profiles: readonly ProfileView[];
  shown: number;
  total: number;
  onExport: () => void;
}) {
  const { filter, onChange } = props;
  return (
    <search class="filters compact">
      <div class="field grow">
        <label for="dash-search">{t('dash_fieldSearch')}</label>
        <input
          id="dash-search"
          type="search"
          value={filter.text}
          placeholder={t('dash_searchPlaceholder')}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => onChange({ ...filter, text: e.currentTarget.value })}
        />
      </div>
      <FilterSelect
        id="dash-client"
        label={t('dash_fieldClientFilter')}
        value={filter.client}
        onChange={(client) => onChange({ ...filter, client })}
      >
        {clientNames(props.profiles, 'cloud-manager').map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        <option value={NO_CLIENT}>{t('dash_noClient')}</option>
      </FilterSelect>
      <FilterSelect
        id="dash-status"
        label={t('dash_fieldStatusFilter')}
        value={filter.status}
        onChange={(status) => onChange({ ...filter, status: status as StatusCategory | '' })}
      >
        {STATUS_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {statusName(category)}
          </option>
        ))}
      </FilterSelect>
      <p class="muted row-count" data-testid="row-count">
        {tn('dash_tableCaption', props.total, [String(props.shown), String(props.total)])}
      </p>
      <div class="field">
        <button type="button" onClick={props.onExport} disabled={props.shown === 0}>
          {tn('dash_exportCsv', props.shown, String(props.shown))}
        </button>
      </div>
    </search>
  );
}
