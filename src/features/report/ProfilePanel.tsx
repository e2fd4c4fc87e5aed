import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { threatProfileSchema, type ThreatProfile } from '../../domain/threat/profile.ts';
import { formatProblems, problemsFromZod } from '../../domain/validation.ts';
import { useAppStore } from '../../store/app-store.ts';
import {
  formToProfile,
  profileFormSchema,
  profileToForm,
  type ProfileForm,
} from './profile-form.ts';

interface Props {
  readonly catalogue: Catalogue;
  readonly profiles: readonly ThreatProfile[];
  readonly active: ThreatProfile;
  readonly isCustom: boolean;
}

/** Pick the threat profile the report weights gaps with, or edit its split. */
export function ProfilePanel({ catalogue, profiles, active, isCustom }: Props) {
  const setProfile = useAppStore((s) => s.setProfile);
  const [editing, setEditing] = useState(false);
  const selectId = useId();
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const baseId = isCustom ? active.id.replace(/^custom-/, '') : active.id;
  return (
    <section aria-labelledby="profile-title" className="profile-panel">
      <h2 id="profile-title">Threat profile</h2>
      <div className="profile-pick">
        <label htmlFor={selectId}>Weight gaps with</label>
        <select
          id={selectId}
          value={active.id}
          onChange={(e) => {
            setEditing(false);
            setProfile({ profileId: e.target.value });
          }}
        >
          {isCustom && <option value={active.id}>{active.name}</option>}
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          {editing ? 'Close the editor' : 'Edit the split'}
        </button>
        {isCustom && (
          <button type="button" onClick={() => setProfile({ profileId: baseId })}>
            Discard edits
          </button>
        )}
      </div>
      <p>
        {active.description} <span className="muted">Period: {active.period}.</span>
      </p>
      {editing && (
        <ProfileEditor
          key={active.id}
          base={active}
          vectorName={vectorName}
          onSave={(profile) => {
            setProfile({ customProfile: profile });
            setEditing(false);
          }}
        />
      )}
    </section>
  );
}

function ProfileEditor({
  base,
  vectorName,
  onSave,
}: {
  base: ThreatProfile;
  vectorName: ReadonlyMap<string, string>;
  onSave: (profile: ThreatProfile) => void;
}) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ProfileForm>({
    resolver: zodResolver(profileFormSchema),
    defaultValues: profileToForm(base),
  });
  const rowsError = errors.rows?.root?.message ?? errors.rows?.message;
  const [saveError, setSaveError] = useState<string | null>(null);
  return (
    <form
      className="profile-editor"
      noValidate
      onSubmit={(e) => {
        void handleSubmit((form) => {
          // The domain schema has the last word; anything it refuses is shown, not thrown.
          const checked = threatProfileSchema.safeParse(formToProfile(form, base));
          if (!checked.success) {
            setSaveError(formatProblems(problemsFromZod('profile', checked.error)));
            return;
          }
          setSaveError(null);
          onSave(checked.data);
        })(e);
      }}
    >
      <p>
        Shares are percentages of all incidents and of all stolen value in the profile's period.
        Figures you change are marked as your assumption in the report. The edited profile is saved
        with this assessment.
      </p>
      <table>
        <caption className="visually-hidden">
          Edit the incident and loss share of each vector
        </caption>
        <thead>
          <tr>
            <th scope="col">Attack vector</th>
            <th scope="col">Incidents %</th>
            <th scope="col">Loss %</th>
          </tr>
        </thead>
        <tbody>
          {base.shares.map((s, i) => {
            const name = vectorName.get(s.vector) ?? s.vector;
            const rowErrors = errors.rows?.[i];
            return (
              <tr key={s.vector}>
                <th scope="row">{name}</th>
                {(['incidents', 'loss'] as const).map((field) => {
                  const id = `share-${s.vector}-${field}`;
                  const error = rowErrors?.[field]?.message;
                  return (
                    <td key={field}>
                      <label className="visually-hidden" htmlFor={id}>
                        {name}: {field === 'incidents' ? 'incident share' : 'loss share'} (%)
                      </label>
                      <input
                        id={id}
                        type="number"
                        inputMode="decimal"
                        step="any"
                        min={0}
                        max={100}
                        aria-invalid={error !== undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                        {...register(`rows.${i}.${field}`, { valueAsNumber: true })}
                      />
                      {error && (
                        <span className="field-error" id={`${id}-error`}>
                          {error}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rowsError && (
        <p className="field-error" role="alert">
          {rowsError}
        </p>
      )}
      {saveError && (
        <p className="field-error" role="alert">
          These shares cannot be used: {saveError}
        </p>
      )}
      <button type="submit">Use these shares</button>
    </form>
  );
}
