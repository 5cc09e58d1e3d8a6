import { displayCurrencies, isConvertedCurrency, type QuoteCurrency } from '@omnifolio/shared/api';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { type FormEvent, useEffect, useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { useCompanionResource } from '../hooks/useCompanionResource';
import { type Problem, toProblem } from '../lib/companion-error';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

const currencyNames = new Intl.DisplayNames(['en'], { type: 'currency' });
/** Zones the browser knows, offered as suggestions; the companion validates what is typed. */
const timeZones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** "2" (percent a year, as typed) from the companion's ratio "0.02"; exact, no float in between. */
const percentOf = (ratio: string) => toDecimalString(dec(ratio).mul(100));
const PERCENT = /^-?\d+(\.\d+)?$/;

/**
 * What the numbers are measured in: the base currency every value is shown in (USD and CHF
 * are stored; the others are converted at the ECB's rate of each day), the time zone whose
 * midnight ends a day for the daily snapshots and day/week/month PnL, and the risk-free rate
 * of the Sharpe ratio.
 */
export function SettingsSection() {
  const environment = useEnvironment();
  const settings = useCompanionResource((client) => client.settings(), true);
  const [baseCurrency, setBaseCurrency] = useState<QuoteCurrency>('USD');
  const [timeZone, setTimeZone] = useState('');
  const [riskFreePercent, setRiskFreePercent] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data === null) return;
    setBaseCurrency(settings.data.baseCurrency);
    setTimeZone(settings.data.timeZone);
    setRiskFreePercent(percentOf(settings.data.riskFreeRate));
  }, [settings.data]);

  const percentValid = PERCENT.test(riskFreePercent.trim());

  async function save(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    setSaving(true);
    try {
      const { client } = await environment.access();
      const after = await client.updateSettings({
        baseCurrency,
        timeZone: timeZone.trim(),
        riskFreeRate: toDecimalString(dec(riskFreePercent.trim()).div(100)),
      });
      // The dashboard opens in the base currency just chosen.
      await environment.preferences.setCurrency(after.baseCurrency);
      setSaved(
        isConvertedCurrency(after.baseCurrency)
          ? `Saved. Values in ${after.baseCurrency} appear once the companion has its ECB rates (a few seconds the first time).`
          : 'Saved.',
      );
      void settings.reload();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Section
      id="settings"
      title="Currency and measurement"
      description="USD and CHF are kept with every price; another base currency is converted from USD at the ECB’s reference rate of each day."
    >
      {settings.problem !== null && <ProblemMessage problem={settings.problem} />}
      {settings.data !== null && (
        <form className="form" onSubmit={save} noValidate aria-label="Currency and measurement">
          <div className="form__row">
            <label className="field field--narrow">
              <span className="field__label">Base currency</span>
              <select
                className="input"
                data-testid="base-currency"
                value={baseCurrency}
                onChange={(event) => setBaseCurrency(event.target.value as QuoteCurrency)}
              >
                {displayCurrencies.map((code) => (
                  <option key={code} value={code}>
                    {code} · {currencyNames.of(code) ?? code}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">Time zone (days end at its midnight)</span>
              <input
                className="input"
                data-testid="time-zone"
                list="time-zones"
                value={timeZone}
                onChange={(event) => setTimeZone(event.target.value)}
                placeholder="Europe/Zurich"
              />
              <datalist id="time-zones">
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </label>
            <label className="field field--narrow">
              <span className="field__label">Risk-free rate (% a year)</span>
              <input
                className="input"
                data-testid="risk-free-rate"
                inputMode="decimal"
                value={riskFreePercent}
                aria-invalid={!percentValid}
                onChange={(event) => setRiskFreePercent(event.target.value)}
              />
            </label>
          </div>
          {!percentValid && <p className="form__help text-warning">The risk-free rate is a percentage such as 2 or 1.25.</p>}
          {problem !== null && <ProblemMessage problem={problem} />}
          {saved !== null && (
            <div className="notice notice--ok" role="status" data-testid="settings-saved">
              {saved}
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className="button" data-testid="save-settings" disabled={saving || !percentValid} aria-busy={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}
