import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CredentialField } from './CredentialField';

const render = (optional: boolean | undefined) =>
  renderToStaticMarkup(
    <CredentialField
      spec={{ key: 'gatewayUrl', label: 'Gateway URL', secret: false, help: 'Leave empty for the default.', ...(optional === undefined ? {} : { optional }) }}
      value=""
      error={null}
      onChange={() => undefined}
    />,
  );

describe('CredentialField', () => {
  it('marks a field the provider can do without as optional', () => {
    expect(render(true)).toContain('<span class="field__label">Gateway URL<span class="text-muted"> (optional)</span></span>');
  });

  it('marks nothing on a required field, or when the companion does not say', () => {
    expect(render(false)).toContain('<span class="field__label">Gateway URL</span>');
    expect(render(undefined)).not.toContain('optional');
  });
});
