import { useCaptureSites } from '../hooks/useCaptureSites';
import { useStatements } from '../hooks/useStatements';
import { CaptureConsentsList } from './CaptureConsentsList';
import { CapturedDocumentsList } from './CapturedDocumentsList';
import { CaptureSitesList } from './CaptureSitesList';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

/** Options → Statements: where capture may run, what was agreed, and what was captured. */
export function StatementsSection() {
  const sites = useCaptureSites();
  const statements = useStatements();
  return (
    <Section
      id="statements"
      title="Statements"
      description="Capture statements from SwissBorg, frankly and Finpension while you are logged in to their web apps. Files go only to your companion."
      actions={
        <button type="button" className="button button--small" onClick={() => void statements.reload()} data-testid="statements-reload">
          Refresh
        </button>
      }
    >
      <h3 className="row__title">Where capture may run</h3>
      <CaptureSitesList sites={sites} />
      {statements.problem && <ProblemMessage problem={statements.problem} testId="statements-problem" />}
      <h3 className="row__title">Agreements</h3>
      {statements.consents && <CaptureConsentsList consents={statements.consents} onRevoke={statements.revokeConsent} />}
      <h3 className="row__title">Captured documents</h3>
      {statements.documents && <CapturedDocumentsList documents={statements.documents} />}
    </Section>
  );
}
