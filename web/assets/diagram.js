// Read-only diagrams: a process version with its heatmap, an instance with its marks, or
// a version with what changed since another.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

import { escapeHtml, formatSeconds, readJson, withLayout } from './layout';

const MARK_CLASSES = {
  active: 'is-active',
  done: 'is-done',
  incident: 'has-incident',
  // The diff of two versions.
  added: 'is-added',
  changed: 'is-changed',
  removed: 'is-removed',
};

function markInstance(viewer, marks, words) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  for (const [kind, marker] of Object.entries(MARK_CLASSES)) {
    for (const id of marks[kind] || []) {
      if (!registry.get(id)) continue;
      canvas.addMarker(id, marker);
      if (kind === 'incident') {
        overlays.add(id, 'incident', {
          position: { top: -12, right: 12 },
          html: `<span class="badge-incident" title="${escapeHtml(words.incidentTitle || '')}">!</span>`,
        });
      }
    }
  }
}

function paintHeat(viewer, heat) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  const counts = heat.counts || {};
  // The server words the badges in the reader's language (web/views/processes.py).
  const titles = heat.count_titles || {};
  const texts = heat.duration_texts || {};
  const highest = Math.max(1, ...Object.values(counts));
  for (const [id, count] of Object.entries(counts)) {
    if (!registry.get(id) || !count) continue;
    const level = Math.max(1, Math.min(4, Math.ceil((count / highest) * 4)));
    canvas.addMarker(id, `heat-${level}`);
    overlays.add(id, 'heat', {
      position: { top: -14, right: 14 },
      html: `<span class="heat-badge heat-badge-${level}" data-count="${count}" title="${escapeHtml(titles[id] || count)}">${count}</span>`,
    });
  }
  for (const [id, seconds] of Object.entries(heat.durations || {})) {
    if (!registry.get(id)) continue;
    overlays.add(id, 'time', {
      position: { bottom: -2, left: 0 },
      html: `<span class="time-badge" title="${escapeHtml(heat.duration_title || '')}">⌀ ${escapeHtml(texts[id] || formatSeconds(seconds))}</span>`,
    });
  }
}

// The instance page's Move the work card: a step clicked on the diagram is the step to start
// at (when the card offers it), a step the case works at ticks or unticks its cancel box.
function pickSteps(viewer, form) {
  const select = form.querySelector('select[name=start]');
  const canvas = viewer.get('canvas');
  let chosen = null;
  const mark = (id) => {
    if (chosen) canvas.removeMarker(chosen, 'is-chosen');
    chosen = id && viewer.get('elementRegistry').get(id) ? id : null;
    if (chosen) canvas.addMarker(chosen, 'is-chosen');
  };
  select.addEventListener('change', () => mark(select.value));
  viewer.get('eventBus').on('element.click', ({ element }) => {
    const id = element.businessObject && element.businessObject.id;
    if (!id) return;
    const details = form.closest('details');
    const cancel = [...form.querySelectorAll('input[name=cancel]')].find((box) => box.value === id);
    if (cancel) {
      cancel.checked = !cancel.checked;
    } else if ([...select.options].some((option) => option.value === id)) {
      select.value = id;
      mark(id);
    } else {
      return;
    }
    if (details) details.open = true;
  });
}

async function show(container) {
  const source = readJson(container.dataset.xml) || '';
  const viewer = new NavigatedViewer({ container });
  try {
    const { xml, laidOut } = await withLayout(source);
    await viewer.importXML(xml);
    if (laidOut) container.classList.add('auto-layout');
  } catch (error) {
    console.warn('The diagram cannot be shown:', error);
    // The page words it in the reader's language; the reason is the library's own.
    const unshowable = container.dataset.unshowable || 'This diagram cannot be shown.';
    container.innerHTML = `<p class="diagram-error">${escapeHtml(unshowable)} <span class="muted">${escapeHtml(error.message)}</span></p>`;
    container.dataset.ready = 'error';
    return;
  }
  viewer.get('canvas').zoom('fit-viewport', 'auto');
  const marks = readJson(container.dataset.marks);
  if (marks) markInstance(viewer, marks, container.dataset);
  const heat = readJson(container.dataset.heat);
  if (heat) paintHeat(viewer, heat);
  const pickFor = container.dataset.pickFor && document.querySelector(container.dataset.pickFor);
  if (pickFor) pickSteps(viewer, pickFor);
  container.dataset.ready = 'true';
}

document.querySelectorAll('[data-diagram]').forEach((container) => {
  show(container);
});
