import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isLanguage, LANGUAGES } from '../i18n/i18n.ts';
import { activePath, sectionsFor } from './nav.ts';
import { useSession, useSetLanguage, useSignOut } from './session.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const setLanguage = useSetLanguage();
  const signOut = useSignOut();
  const sections = sectionsFor(user.roles.map((r) => r.role));
  const active = activePath(
    location.pathname,
    sections.flatMap((s) => s.routes),
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.mainNavigation')}
            />
            <Text fw={800} fz="xl" c="indigo.7" lts={-0.5}>
              {t('app.name')}
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="md" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('shell.language')}
              value={i18n.language}
              onChange={(v) => isLanguage(v) && setLanguage.mutate(v)}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              data-testid="language-switch"
            />
            <Menu position="bottom-end" width={240}>
              <Menu.Target>
                <UnstyledButton aria-label={t('shell.account')} data-testid="user-menu">
                  <Group gap={8} wrap="nowrap">
                    <Avatar size={30} radius="xl" color="indigo">
                      {user.displayName.slice(0, 1)}
                    </Avatar>
                    <Text size="sm" visibleFrom="md">
                      {user.displayName}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('shell.signedInAs', { name: user.email })}</Menu.Label>
                <Menu.Item onClick={() => signOut.mutate()}>{t('auth.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.mainNavigation')}>
        <ScrollArea>
          <Stack gap="md">
            {sections.map((section) => (
              <div key={section.key}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  {t(`nav.${section.key}`)}
                </Text>
                {section.routes
                  .filter((r) => r.label)
                  .map((r) => (
                    <NavLink
                      key={r.path}
                      component={Link}
                      to={r.path}
                      label={t(`nav.${r.label!}`)}
                      active={r.path === active}
                      variant="light"
                      style={{ borderRadius: 6 }}
                    />
                  ))}
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" bg="gray.0">
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
