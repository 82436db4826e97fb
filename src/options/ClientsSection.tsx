// The clients at a glance: each name the key pairs share, with its Cloud Manager (or Ops Manager) orgs, its Atlas
// orgs and its key pairs; a client without both sides shows what create-and-link still lacks. Rename gives every key
// pair of the client the new name at once (a name close to another client's is asked about, another client's exact
// name joins the two only when confirmed).
import { useState } from 'preact/hooks';
import { sameLabel } from '../core/vault';
import { type ClientOverview, clientOverview } from '../core/vault/clients';
import type { ProfileView } from '../shared/domain';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ActionOutcome, CancelButton } from '../ui/ActionOutcome';
import { ClientNameQuestion, useClientNameCheck } from '../ui/ClientNameQuestion';
import { SIDE_KEYS } from '../ui/KeyPairSide';
import { useAction } from '../ui/use-action';

type Rename = (from: string, to: string, join: boolean) => Promise<void>;

function RenameForm(props: { client: string; others: readonly string[]; rename: Rename; onCancel: () => void }) {
  const [to, setTo] = useState(props.client);
  const [joining, setJoining] = useState<string>();
  const check = useClientNameCheck(props.others);
  const existing = (name: string) => props.others.find((other) => sameLabel(other, name));
  // A saved client's name, typed or chosen in the question, joins the two clients: asked first.
  const choose = (name: string) =>
    existing(name) ? setJoining(existing(name)) : props.rename(props.client, name, false);
  const id = `rename-${props.client}`;
  return (
    <form
      data-testid="client-rename"
      onSubmit={(event) => {
        event.preventDefault();
        if (existing(to) || !check.holds(to)) choose(to);
      }}
    >
      <label for={id}>{t('clientNewName')}</label>
      <input id={id} value={to} onInput={(e) => setTo(e.currentTarget.value)} required autocomplete="off" />
      <ClientNameQuestion check={check} label={to} onAnswer={choose} />
      {joining ? (
        <div class="notice warning" role="alertdialog" aria-label={t('clientJoinQuestion', [joining, props.client])}>
          <p>{t('clientJoinQuestion', [joining, props.client])}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => props.rename(props.client, joining, true)}>
              {t('clientJoin')}
            </button>
            <CancelButton onClick={() => setJoining(undefined)} />
          </div>
        </div>
      ) : (
        <div class="row">
          <button type="submit" class="primary">
            {t('clientRename')}
          </button>
          <CancelButton onClick={props.onCancel} />
        </div>
      )}
    </form>
  );
}

function ClientCard(props: { client: ClientOverview; names: readonly string[]; rename: Rename }) {
  const { client } = props;
  const [renaming, setRenaming] = useState(false);
  const none = t('clientNone');
  return (
    <li data-testid={`client-${client.name}`}>
      <div class="card">
        <strong>{client.name}</strong>
        <p data-testid="client-cm-orgs">
          {t('clientCloudManagerOrgs', client.cloudManagerOrgs.map((o) => orgLabel(o.name, o.id)).join(', ') || none)}
        </p>
        <p data-testid="client-atlas-orgs">
          {t('clientAtlasOrgs', client.atlasOrgs.map((o) => orgLabel(o.name, o.id)).join(', ') || none)}
        </p>
        <p class="muted mono" data-testid="client-key-pairs">
          {t('clientKeyPairs', client.keyPairs.map((k) => `${t(SIDE_KEYS[k.side])} ${k.publicKey}`).join(', '))}
        </p>
        {renaming ? (
          <RenameForm
            client={client.name}
            others={props.names.filter((name) => name !== client.name)}
            rename={props.rename}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <button type="button" onClick={() => setRenaming(true)}>
            {t('clientRenameOpen')}
          </button>
        )}
      </div>
    </li>
  );
}

export function ClientsSection(props: { profiles: readonly ProfileView[]; reload: () => Promise<void> }) {
  const clients = clientOverview(props.profiles);
  const names = clients.map((c) => c.name);
  const action = useAction();
  const rename: Rename = (from, to, join) =>
    action.run(async () => {
      const { renamed } = await send('clients/rename', { from, to, join });
      await props.reload();
      return t('clientRenamed', [from, to.trim(), String(renamed)]);
    });
  if (clients.length === 0) return null;
  return (
    <section aria-labelledby="clients-title" data-testid="clients">
      <h2 id="clients-title">{t('clientsTitle')}</h2>
      <p class="muted">{t('clientsIntro')}</p>
      <ActionOutcome done={action.done} error={action.error} />
      <ul class="plain">
        {clients.map((client) => (
          <ClientCard key={client.name} client={client} names={names} rename={rename} />
        ))}
      </ul>
    </section>
  );
}
