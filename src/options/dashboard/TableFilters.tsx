// The table's search box, client and status filters, and the CSV export of what is shown.
import type { ProfileView } from '../../shared/messages';
import { t } from '../../ui/i18n';
import { statusName } from './row-text';
import { NO_CLIENT, STATUS_CATEGORIES, type StatusCategory, type TableFilter } from './table-model';

export function TableFilters(props: {
  filter: TableFilter;
  onChange: (filter: TableFilter) => void;
  profiles: readonly ProfileView[];
  shown: number;
  onExport: () => void;
}) {
  const { filter, onChange } = props;
  return (
    <search class="filters">
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
      <div class="field">
        <label for="dash-client">{t('dash_fieldClientFilter')}</label>
        <select
          id="dash-client"
          value={filter.client}
          onChange={(e) => onChange({ ...filter, client: e.currentTarget.value })}
        >
          <option value="">{t('dash_filterAll')}</option>
          {props.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value={NO_CLIENT}>{t('dash_noClient')}</option>
        </select>
      </div>
      <div class="field">
        <label for="dash-status">{t('dash_fieldStatusFilter')}</label>
        <select
          id="dash-status"
          value={filter.status}
          onChange={(e) => onChange({ ...filter, status: e.currentTarget.value as StatusCategory | '' })}
        >
          <option value="">{t('dash_filterAll')}</option>
          {STATUS_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {statusName(category)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="button" onClick={props.onExport} disabled={props.shown === 0}>
          {t('dash_exportCsv', String(props.shown))}
        </button>
      </div>
    </search>
  );
}
