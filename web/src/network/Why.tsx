import type { Factor, Ranked } from './api';
import { factorLabel, flagWords, formatScore, personName } from './labels';

/** Why a person is where they are: one bar and one sentence per factor, the evidence rows behind each. */
export function Why({ person, headingId }: { person: Ranked; headingId: string }) {
  const name = personName(person.names, person.personId);
  const flags = flagWords(person.flags);
  return (
    <section className="why" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        Why {name} is {person.rank === null ? `${ordinal(person.overallRank)} overall` : `ranked ${person.rank}`}
      </h2>
      <p>
        Score <strong>{formatScore(person.score)}</strong> of a possible 1, the sum of the factors below.
        {flags.length > 0 && <> Recorded as {flags.join(', ')}: see the safeguarding list.</>}
      </p>
      {person.factors.length === 0 ? (
        <p className="hint">The service explains the first 1,000 people of a ranking in full. Open the person to see every line, role and record behind them.</p>
      ) : (
        <ol className="factors">
          {person.factors.map((f) => (
            <FactorItem key={f.factor} f={f} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FactorItem({ f }: { f: Factor }) {
  const share = f.weight > 0 ? f.contribution / f.weight : 0;
  return (
    <li className="factor">
      <div className="factor-head">
        <h3>{factorLabel(f.factor)}</h3>
        <span className="factor-adds">
          adds {formatScore(f.contribution)} <span className="muted">of at most {formatScore(f.weight)}</span>
        </span>
      </div>
      <div className="bar" role="img" aria-label={`${Math.round(share * 100)}% of the most this factor can add`}>
        <div className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }} />
      </div>
      <p className="factor-text">{capitalise(f.text)}.</p>
      {f.evidence.length > 0 && (
        <details>
          <summary>
            Evidence: {f.evidence.length} row{f.evidence.length === 1 ? '' : 's'}
            {f.evidenceTruncated ? ' (the most telling; more stand behind it)' : ''}
          </summary>
          <table className="evidence">
            <thead>
              <tr>
                <th scope="col">Force</th>
                <th scope="col">Month</th>
                <th scope="col">Sheet</th>
                <th scope="col">Row</th>
              </tr>
            </thead>
            <tbody>
              {f.evidence.map((e, i) => (
                <tr key={i}>
                  <td>{e.force}</td>
                  <td>{e.month}</td>
                  <td>{e.sheet}</td>
                  <td>{e.row}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </li>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function ordinal(n: number): string {
  const t = n % 100;
  const suffix = t >= 11 && t <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
