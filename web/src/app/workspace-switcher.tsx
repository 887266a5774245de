import { Button, Menu, Modal, PasswordInput, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './query-state.tsx';
import { useSession, useSwitchWorkspace } from './session.tsx';

/**
 * The workspace's name in the header; with other workspaces for the same email it opens a
 * menu of them, and choosing one asks for that account's password.
 */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const { workspace, workspaces } = useSession();
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  const [password, setPassword] = useState('');
  const switchTo = useSwitchWorkspace();
  const others = workspaces.filter((w) => w.id !== workspace.id);
  const name = (
    <Text size="sm" c="dimmed" visibleFrom="xs" data-testid="workspace-name">
      {workspace.name}
      {others.length > 0 ? ' ▾' : ''}
    </Text>
  );
  if (others.length === 0) return name;
  const close = () => {
    setTarget(null);
    setPassword('');
    switchTo.reset();
  };
  return (
    <>
      <Menu position="bottom-start" width={260}>
        <Menu.Target>
          <UnstyledButton aria-label={t('shell.switchWorkspace')}>{name}</UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('shell.switchWorkspace')}</Menu.Label>
          {others.map((w) => (
            <Menu.Item key={w.id} onClick={() => setTarget(w)}>
              {w.name}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={target !== null}
        onClose={close}
        title={target ? t('shell.switchTo', { name: target.name }) : ''}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (target) switchTo.mutate({ workspaceId: target.id, password });
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('shell.switchHint')}
            </Text>
            <PasswordInput
              label={t('auth.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
              data-autofocus
            />
            {switchTo.error ? <ErrorState error={switchTo.error} /> : null}
            <Button type="submit" loading={switchTo.isPending}>
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
