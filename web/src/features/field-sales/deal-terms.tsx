import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { FieldList } from '../../app/field-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { type Card, FORECAST_CATEGORIES, type ForecastCategory, isOpenPhase } from './api.ts';
import { useLabels } from './labels.ts';
import { useSaveOpportunity } from './use-save-opportunity.ts';

/** Amount, close date, probability and forecast category: shown, and edited with the version read. */
export function DealTerms({ card, onReload }: { card: Card; onReload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useLabels();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(card));
  const save = useSaveOpportunity(card);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const open = isOpenPhase(card.phase);
  const none = t('common.none');

  const start = () => {
    setDraft(draftOf(card));
    save.reset();
    setEditing(true);
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          {t('fieldSales.opportunity.deal')}
        </Title>
        {open && !editing ? (
          <Button variant="default" size="xs" onClick={start}>
            {t('fieldSales.opportunity.edit')}
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              {
                amountMrr: draft.amountMrr,
                amountOneTime: draft.amountOneTime,
                ...(draft.closeDate ? { closeDate: draft.closeDate } : {}),
                probability: draft.probability,
                forecastCategory: draft.forecastCategory,
              },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('fieldSales.opportunity.amountMrr')}
                description={t('fieldSales.opportunity.moneyHint', { currency: fmt.currency })}
                value={draft.amountMrr}
                onChange={(v) => setDraft({ ...draft, amountMrr: Number(v) || 0 })}
                min={0}
                allowDecimal={false}
                thousandSeparator=","
                error={errors.amountMrr}
              />
              <NumberInput
                label={t('fieldSales.opportunity.amountOneTime')}
                description={t('fieldSales.opportunity.moneyHint', { currency: fmt.currency })}
                value={draft.amountOneTime}
                onChange={(v) => setDraft({ ...draft, amountOneTime: Number(v) || 0 })}
                min={0}
                allowDecimal={false}
                thousandSeparator=","
                error={errors.amountOneTime}
              />
              <TextInput
                type="date"
                label={t('fieldSales.opportunity.closeDate')}
                value={draft.closeDate}
                onChange={(e) => setDraft({ ...draft, closeDate: e.currentTarget.value })}
                required
                error={errors.closeDate}
              />
              <NumberInput
                label={t('fieldSales.opportunity.probability')}
                value={draft.probability}
                onChange={(v) => setDraft({ ...draft, probability: Number(v) || 0 })}
                min={0}
                max={100}
                suffix="%"
                allowDecimal={false}
                error={errors.probability}
              />
              <Select
                label={t('fieldSales.opportunity.forecastCategory')}
                data={FORECAST_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
                value={draft.forecastCategory}
                onChange={(v) =>
                  setDraft({ ...draft, forecastCategory: (v ?? 'pipeline') as ForecastCategory })
                }
                allowDeselect={false}
                error={errors.forecastCategory}
              />
            </SimpleGrid>
            {save.error ? (
              <ErrorState
                error={save.error}
                onRetry={
                  save.error instanceof ApiError && save.error.code === 'version_conflict'
                    ? () => {
                        setEditing(false);
                        onReload();
                      }
                    : undefined
                }
              />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('fieldSales.opportunity.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <FieldList
          cols={3}
          fields={[
            {
              label: t('fieldSales.opportunity.amountMrr'),
              value: <span data-testid="deal-mrr">{fmt.money(card.amountMrr)}</span>,
            },
            { label: t('fieldSales.opportunity.amountOneTime'), value: fmt.money(card.amountOneTime) },
            {
              label: t('fieldSales.opportunity.closeDate'),
              value: card.closeDate ? fmt.calendarDate(card.closeDate) : none,
            },
            {
              label: t('fieldSales.opportunity.probability'),
              value: card.probability === null ? none : fmt.percent(card.probability / 100),
            },
            {
              label: t('fieldSales.opportunity.forecastCategory'),
              value: labels.category(card.forecastCategory),
            },
            { label: t('fieldSales.opportunity.type'), value: labels.type(card.type) },
          ]}
        />
      )}
      {save.isSuccess && !editing ? (
        <Text size="xs" c="teal" mt="sm" role="status">
          {t('fieldSales.opportunity.saved')}
        </Text>
      ) : null}
    </Paper>
  );
}

function draftOf(card: Card) {
  return {
    amountMrr: card.amountMrr,
    amountOneTime: card.amountOneTime,
    closeDate: card.closeDate ?? '',
    probability: card.probability ?? 0,
    forecastCategory: (card.forecastCategory ?? 'pipeline') as ForecastCategory,
  };
}
