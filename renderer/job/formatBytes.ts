/** Kept where the job views import it from; the formatting lives in shared/ for the command line too. */
export { formatBytes } from '../../shared/files/formatBytes';
