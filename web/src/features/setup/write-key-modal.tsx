import { useTranslation } from 'react-i18next';
import { CopyBlock } from '../../app/copy-block.tsx';
import { NamedSecretDialog, SecretReveal } from '../../app/secret-reveal.tsx';
import type { WriteKey } from './api.ts';
import { trackingSnippet } from './snippets.ts';

export const KEYS = ['/tracking/write-keys'];

/** Creates a write key; the key and the tag carrying it are shown this once. */
export function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <NamedSecretDialog<WriteKey & { writeKey: string }>
      path="/tracking/write-keys"
      invalidate={KEYS}
      title={t('setup.tracking.newKey')}
      nameLabel={t('setup.tracking.keyName')}
      namePlaceholder={t('setup.tracking.keyNamePlaceholder')}
      onClose={onClose}
      reveal={({ writeKey }) => (
        <SecretReveal
          title={t('setup.tracking.keyCreatedTitle')}
          warning={t('setup.tracking.keyOnce')}
          hint={t('setup.tracking.keyOnceHint')}
          doneLabel={t('setup.tracking.done')}
          onClose={onClose}
          size="xl"
        >
          <CopyBlock
            label={t('setup.tracking.keyLabel')}
            value={writeKey}
            copyLabel={t('setup.tracking.copyKey')}
            testId="write-key"
          />
          <CopyBlock
            label={t('setup.tracking.snippet')}
            value={trackingSnippet(writeKey)}
            copyLabel={t('setup.tracking.copySnippet')}
            testId="tracking-snippet"
          />
        </SecretReveal>
      )}
    />
  );
}
