// The decision table editor: dmn-js (decision table and DRD views); validate, deploy.
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

import DmnModeler from 'dmn-js/lib/Modeler';

import { escapeHtml, readJson } from './layout';
import { deployFlow, messenger, postJson, translator, unsavedGuard } from './studio';

const root = document.getElementById('decision-editor');
const t = translator(readJson(root.dataset.text) || {});
const setDirty = unsavedGuard(document.getElementById('dirty'));
const { say } = messenger(document.getElementById('problems'), escapeHtml);

const editor = new DmnModeler({ container: '#canvas' });
window.hypercrm = { editor };

async function post(url, extra = {}) {
  const { xml } = await editor.saveXML({ format: true });
  return postJson(url, { xml, ...extra }, t);
}

deployFlow({ root, t, say, post, setDirty, escapeHtml });

async function open() {
  await editor.importXML(readJson(root.dataset.xml) || '');
  // Open the decision table itself (the DRD is one click away in the editor's tabs).
  const table = editor.getViews().find((view) => view.type === 'decisionTable');
  if (table) await editor.open(table);
  editor.on('views.changed', () => {
    const viewer = editor.getActiveViewer();
    if (viewer && !viewer.hypercrmWatched) {
      viewer.hypercrmWatched = true;
      viewer.on('commandStack.changed', () => setDirty(true));
    }
  });
  const viewer = editor.getActiveViewer();
  viewer.hypercrmWatched = true;
  viewer.on('commandStack.changed', () => setDirty(true));
  root.dataset.ready = 'true';
}

open().catch((error) => {
  say('error', escapeHtml(t('cannotOpen', { error: error.message })));
  root.dataset.ready = 'error';
});
