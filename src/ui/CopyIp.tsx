// This computer's public IP address as Cloud Manager saw it (from an access-list error's params), with a Copy button:
// wherever the fix is "add this IP to the key's access list". The outcome of a copy is said in a live region.
import { Component } from 'preact';
import type { ErrorView } from '../shared/domain';
import { t } from '../shared/text/i18n';

/** The IP to add to an access list: an access-list error's caller IP, when the server named one. */
export function accessListIp(error: ErrorView | undefined): string | undefined {
  if (error?.kind !== 'ip-not-allowed' && error?.kind !== 'access-list-required') return undefined;
  return error.params?.ip || undefined;
}

type CopyState = 'idle' | 'copied' | 'failed';

export class CopyIp extends Component<{ ip: string }, { copied: CopyState }> {
  override state: { copied: CopyState } = { copied: 'idle' };

  private copy = async () => {
    try {
      await navigator.clipboard.writeText(this.props.ip);
      this.setState({ copied: 'copied' });
    } catch {
      this.setState({ copied: 'failed' });
    }
  };

  override render() {
    const { ip } = this.props;
    const { copied } = this.state;
    return (
      <div class="copy-ip" data-testid="copy-ip">
        <span>
          {t('fixIt_yourIp')}{' '}
          <code class="mono" style={{ whiteSpace: 'nowrap' }}>
            {ip}
          </code>
        </span>{' '}
        <button type="button" aria-label={t('fixIt_copyIpLabel', ip)} onClick={this.copy}>
          {t('fixIt_copy')}
        </button>{' '}
        <span role="status" aria-live="polite" data-testid="copy-ip-status" class={copied === 'failed' ? 'failed' : ''}>
          {copied === 'copied' ? t('fixIt_copied') : copied === 'failed' ? t('fixIt_copyFailed') : ''}
        </span>
      </div>
    );
  }
}
