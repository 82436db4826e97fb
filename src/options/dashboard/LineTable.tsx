// The small tables every dashboard import and batch action shows (what a preview would add, the lines refused and
// why, the orgs an action did not reach): a caption, column headers, one row per line or org, the row's org id as
// data-org-id when it has one. The cell at `rowHeader` names the row for screen readers.
import type { ComponentChildren } from 'preact';
import { lineExcerpt } from './csv-lines';

export interface LineRow {
  key: string | number;
  orgId?: string;
  cells: ComponentChildren[];
}

export function LineTable(props: {
  testId: string;
  caption: string;
  /** The caption for screen readers only (a summary above says it already). */
  captionHidden?: boolean;
  columns: readonly string[];
  rows: readonly LineRow[];
  /** The index of the cell that names its row (a `th`); none when absent. */
  rowHeader?: number;
}) {
  if (props.rows.length === 0) return null;
  return (
    <table class="lines" data-testid={props.testId}>
      <caption class={props.captionHidden ? 'sr-only' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key} data-org-id={row.orgId}>
            {row.cells.map((cell, i) =>
              i === props.rowHeader ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An org named for a result: its name, then its whole id in monospace. */
export function OrgNamed(props: { name: string; orgId?: string }) {
  return (
    <>
      {props.name}
      {props.orgId && (
        <>
          {' '}
          <span class="mono muted org-id-whole">{props.orgId}</span>
        </>
      )}
    </>
  );
}

/** A line as it was pasted, in monospace, cut when long (an invalid line is shown so it can be found and fixed). */
export function LineText(props: { text: string }) {
  return (
    <code class="mono line-text" title={props.text}>
      {lineExcerpt(props.text)}
    </code>
  );
}
