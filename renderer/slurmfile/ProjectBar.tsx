import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { OpenProjectForm } from './OpenProjectForm';
import { loadRecentSlurmfiles } from './projectActions';
import { ProjectSummary } from './ProjectSummary';
import { useSlurmfileStore } from './slurmfileStore';
import '../hostkeys/hostKeyPrompt.css';
import './slurmfile.css';

/** The top of the Submit view: a project's Slurmfile, its environment, trust and templates. */
export function ProjectBar({ client }: { client: ContractClient }) {
  const view = useSlurmfileStore((state) => state.view);
  useEffect(() => {
    void loadRecentSlurmfiles(client);
  }, [client]);

  return (
    <section className="project-bar" aria-labelledby="project-bar-title" data-testid="project-bar">
      <h2 className="project-bar-title" id="project-bar-title">
        Project
      </h2>
      {view ? <ProjectSummary client={client} view={view} /> : <OpenProjectForm client={client} />}
    </section>
  );
}
