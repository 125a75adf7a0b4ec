// Before anything that defines a zod schema (see the module).
import './app/configureZodForCsp';
// Theme next, so feature styles imported by components come later in the cascade.
import './theme/tokens.css';
import './theme/base.css';
import './theme/controls.css';
import './theme/forms.css';
import './theme/banner.css';
import './theme/dialog.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useConnectionStore } from './app/connectionStore';

// Connect before the first render; the store tells <App/> what to show meanwhile.
void useConnectionStore.getState().connect();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
