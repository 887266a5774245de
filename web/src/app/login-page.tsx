import {
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, isLanguage, LANGUAGES } from '../i18n/i18n.ts';
import { api } from './api.ts';
import { ErrorState } from './query-state.tsx';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api('/auth/login', { method: 'POST', body: { email, password } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={400} gap="lg">
        <Stack gap={2} align="center">
          <Title order={1} c="indigo.7" fz={36} lts={-1}>
            {t('app.name')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('app.tagline')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} aria-labelledby="login-title">
            <Stack>
              <div>
                <Title order={2} size="h3" id="login-title">
                  {t('auth.title')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('auth.subtitle')}
                </Text>
              </div>
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                data-autofocus
                autoFocus
              />
              <PasswordInput
                label={t('auth.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              {login.error ? <ErrorState error={login.error} /> : null}
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('auth.submit')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('auth.firstStartHint')}
              </Text>
            </Stack>
          </form>
        </Paper>
        <Group justify="center">
          <Box>
            <SegmentedControl
              size="xs"
              aria-label={t('shell.language')}
              value={i18n.language}
              onChange={(v) => isLanguage(v) && applyLanguage(v)}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
          </Box>
        </Group>
      </Stack>
    </Center>
  );
}
