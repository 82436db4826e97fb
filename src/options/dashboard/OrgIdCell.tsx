// A row's org: its name and its whole id on one line, in monospace, never broken inside (cut with an ellipsis when
// the column is narrow, the full id on hover), and a Copy button for the id; the copy's outcome is said politely.
import { Component } from 'preact';
import { t } from '../../shared/text/i18n';

type CopyState = 'idle' | 'copied' | 'failed';

export class OrgIdCell extends Component<{ orgId: string; name: string }, { copied: CopyState }> {
  override state: { copied: CopyState } = { copied: 'idle' };

  private copy = async () => {
    try {
      await navigator.clipboard.writeText(this.props.orgId);
      this.setState({ copied: 'copied' });
    } catch {
      this.setState({ copied: 'failed' });
    }
  };

  override render() {
    const { orgId, name } = this.props;
    const { copied } = this.state;
    return (
      <div class="org-cell">
        <span class="org-name" title={name}>
          {name}
        </span>
        <span class="mono muted org-id" title={orgId}>
          {orgId}
        </span>
        {/* Once copied, the name starts with the word the button shows (axe: label-content-name-mismatch). */}
        <button
          type="button"
          class="copy-id"
          aria-label={copied === 'copied' ? `${t('fixIt_copied')} — ${name}` : t('dash_copyOrgId', name)}
          onClick={this.copy}
        >
          {copied === 'copied' ? t('fixIt_copied') : t('fixIt_copy')}
        </button>
        <span role="status" class="sr-only" data-testid="copy-id-status">
          {copied === 'copied' ? t('fixIt_copied') : copied === 'failed' ? t('dash_copyIdFailed') : ''}
        </span>
      </div>
    );
  }
}
