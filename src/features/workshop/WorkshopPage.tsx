import { agendaOrder } from '../../domain/workshop/agenda.ts';
import { localDate } from '../../lib/dates.ts';
import { useEffect, useMemo, useState } from 'react';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { ActionsView } from './ActionsView.tsx';
import { Agenda, useAgendaClock } from './Agenda.tsx';
import { CompareView } from './CompareView.tsx';
import { ParticipantsView } from './ParticipantsView.tsx';
import { PresentationView } from './PresentationView.tsx';
import { SignOffView } from './SignOffView.tsx';
import { LiveRoomPanel } from '../room/LiveRoomPanel.tsx';
import { RoomPage } from '../room/RoomPage.tsx';

const VIEWS = [
  { id: 'present', label: 'Present' },
  { id: 'participants', label: 'Participants' },
  { id: 'actions', label: 'Actions and parking lot' },
  { id: 'compare', label: 'Compare' },
  { id: 'signoff', label: 'Sign-off' },
] as const;
type View = (typeof VIEWS)[number]['id'];

/**
 * Workshop mode: an auditor runs the assessment live with the team. Everything is saved with the
 * active assessment, in this browser; nothing is sent anywhere.
 */
export function WorkshopPage() {
  // A participant's room link opens here (see routes.ts): their view, not the facilitator's.
  return window.location.hash.startsWith('#/room/') ? <RoomPage /> : <FacilitatorWorkshop />;
}

function FacilitatorWorkshop() {
  const assessment = useAppStore(selectActiveAssessment);
  const catalogue = useAssessmentCatalogue(assessment);
  const validating = useCatalogueStore((s) => s.validating);
  const [view, setView] = useState<View>('present');
  // The control on screen is kept by id: reordering the agenda must not swap it under the room.
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [today] = useState(() => localDate(new Date()));
  const controls = useMemo(
    () => (catalogue && assessment ? agendaOrder(catalogue, assessment) : []),
    [catalogue, assessment],
  );
  const index = Math.max(
    0,
    controls.findIndex((c) => c.id === currentId),
  );
  const clock = useAgendaClock(controls[index]?.domain ?? null);
  const shownId = useAppStore((s) => s.workshopAssessmentId);
  const assessments = useAppStore((s) => s.assessments);
  const noteWorkshopAssessment = useAppStore((s) => s.noteWorkshopAssessment);
  const setActiveAssessment = useAppStore((s) => s.setActiveAssessment);
  // The assessment this workshop last showed, when another one has been opened since (an import
  // opens what it imported): the page says so and offers to go back, rather than running the
  // workshop on another assessment unnoticed. Until either button is pressed the notice stays.
  const activeId = assessment?.id ?? null;
  const previous = shownId !== null && shownId !== activeId ? assessments[shownId] : undefined;
  useEffect(() => {
    if (activeId !== null && (shownId === null || !Object.hasOwn(assessments, shownId))) {
      noteWorkshopAssessment(activeId);
    }
  }, [activeId, shownId, assessments, noteWorkshopAssessment]);

  if (assessment && !catalogue) {
    if (validating) return <p role="status">Checking your saved catalogues…</p>;
    return (
      <>
        <h1>Workshop</h1>
        <MissingCatalogue assessment={assessment} />
      </>
    );
  }
  if (!assessment || !catalogue) {
    return (
      <>
        <h1>Workshop</h1>
        <p>No assessment is selected.</p>
        <LoadDemoButton />
      </>
    );
  }
  return (
    <>
      <div className="page-head workshop-head">
        <h1>Workshop</h1>
        <p>
          {assessment.name}
          {assessment.organisation && <> · {assessment.organisation}</>}
        </p>
        {previous && (
          <div className="callout workshop-switched" role="status">
            <p>
              The open assessment changed: this workshop now shows “{assessment.name}”, no longer “
              {previous.name}”.
            </p>
            <div className="toolbar">
              <button type="button" onClick={() => setActiveAssessment(previous.id)}>
                Go back to “{previous.name}”
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => noteWorkshopAssessment(assessment.id)}
              >
                Stay with “{assessment.name}”
              </button>
            </div>
          </div>
        )}
        <div className="view-switch" role="group" aria-label="Workshop views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              className={view === v.id ? undefined : 'secondary'}
              aria-pressed={view === v.id}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
      </div>
      <LiveRoomPanel
        catalogue={catalogue}
        control={controls[index]}
        position={`Control ${String(index + 1)} of ${String(controls.length)}`}
        onResume={setCurrentId}
      />
      {view === 'present' && (
        <>
          <PresentationView
            catalogue={catalogue}
            assessment={assessment}
            controls={controls}
            index={index}
            onIndex={(i) => setCurrentId(controls[i]?.id ?? null)}
            clock={clock}
          />
          <Agenda clock={clock} catalogue={catalogue} assessment={assessment} />
        </>
      )}
      {view === 'participants' && (
        <ParticipantsView catalogue={catalogue} assessment={assessment} />
      )}
      {view === 'actions' && (
        <ActionsView catalogue={catalogue} assessment={assessment} today={today} />
      )}
      {view === 'compare' && <CompareView catalogue={catalogue} assessment={assessment} />}
      {view === 'signoff' && (
        <SignOffView assessment={assessment} catalogue={catalogue} today={today} />
      )}
    </>
  );
}
