// "Try it" in the modeler: a test run of the diagram as it is now, with sample data (the
// server runs it and stores nothing); the path it took is marked and listed.
export function setupTrial({
  modeler, root, t, post, busy, escapeHtml, elementLabel, showProblems, clearMarks, markError,
  problemsBox, unnamedStep,
}) {
  const tryDialog = document.getElementById('try-dialog');
  const trySample = document.getElementById('try-sample');
  const tryProblem = document.getElementById('try-problem');
  let lastSample = { variables: {}, tasks: {}, services: {} };
  let pathMarked = [];

  function clearPath() {
    const canvas = modeler.get('canvas');
    for (const id of pathMarked) canvas.removeMarker(id, 'trial-path');
    pathMarked = [];
  }

  // The diagram's user and service tasks, each with the answer typed last time (or none).
  function sampleFor() {
    const tasks = {};
    const services = {};
    for (const element of modeler.get('elementRegistry').getAll()) {
      const type = element.businessObject && element.businessObject.$type;
      if (type === 'bpmn:UserTask') tasks[element.id] = (lastSample.tasks || {})[element.id] || {};
      if (type === 'bpmn:ServiceTask' || type === 'bpmn:SendTask') {
        services[element.id] = (lastSample.services || {})[element.id] || {};
      }
    }
    // Timers to fire that race something (a boundary timer, a branch of an event-based
    // gateway; a timer on the flow is walked past anyway) and messages to deliver.
    return {
      variables: lastSample.variables || {},
      tasks,
      services,
      timers: lastSample.timers || [],
      messages: lastSample.messages || {},
    };
  }

  // A step in a process a call activity called is named with that process; it is not on
  // this diagram.
  function stepItem(step, key) {
    if (step.process && step.process !== key) {
      const label = t('tryInProcess', { name: step.name || unnamedStep(step.kind), process: step.process_name || step.process });
      return `<li data-step="${escapeHtml(step.element_id)}" data-process="${escapeHtml(step.process)}">`
        + `${escapeHtml(label)}${producedHtml(step)}</li>`;
    }
    const label = elementLabel(step.element_id) || step.name || step.element_id;
    return `<li data-element="${escapeHtml(step.element_id)}" data-step="${escapeHtml(step.element_id)}" `
      + `tabindex="0" role="button">${escapeHtml(label)}${producedHtml(step)}</li>`;
  }

  function producedHtml(step) {
    return Object.entries(step.produced || {})
      .map(([key, value]) => `<code>${escapeHtml(key)} = ${escapeHtml(JSON.stringify(value))}</code>`).join('');
  }

  function showTrial(body) {
    clearMarks();
    clearPath();
    const canvas = modeler.get('canvas');
    const registry = modeler.get('elementRegistry');
    for (const step of body.path) {
      const here = !step.process || step.process === body.key;
      if (here && registry.get(step.element_id) && !pathMarked.includes(step.element_id)) {
        canvas.addMarker(step.element_id, 'trial-path');
        pathMarked.push(step.element_id);
      }
    }
    const count = body.path.length;
    const names = body.waiting.map((w) => ((w.process && w.process !== body.key) ? '' : elementLabel(w.element_id))
      || w.name || w.element_id).join(', ');
    let heading;
    let kind = 'success';
    if (body.status === 'completed') heading = t('tryCompleted', { count });
    else if (body.status === 'waiting') heading = t('tryWaiting', { count, names });
    else if (body.status === 'stopped') { heading = t('tryStopped', { count }); kind = 'error'; }
    else {
      kind = 'error';
      const error = body.error || {};
      heading = t('tryFailed', { name: elementLabel(error.element_id) || error.element_id || '?', error: error.message || '' });
      if (error.element_id && registry.get(error.element_id)) markError(error.element_id);
    }
    problemsBox.innerHTML = `<div class="flash flash-${kind}" data-result="trial-${body.status}">${escapeHtml(heading)}</div>`
      + `<p><strong>${escapeHtml(t('tryPath'))}</strong></p>`
      + `<ol class="trial-path-list" data-trial-path>${body.path.map((step) => stepItem(step, body.key)).join('')}</ol>`;
  }

  async function tryRun(sample) {
    const { status, body } = await post(root.dataset.tryUrl, { sample });
    if (status === 200) {
      showTrial(body);
      return;
    }
    const errors = body.errors || [];
    showProblems(errors, [], escapeHtml(t('tryInvalid', { count: errors.length })));
  }

  document.getElementById('try').addEventListener('click', () => {
    trySample.value = JSON.stringify(sampleFor(), null, 2);
    tryProblem.hidden = true;
    tryDialog.showModal();
    trySample.focus();
  });
  document.getElementById('try-cancel').addEventListener('click', () => tryDialog.close());
  trySample.addEventListener('input', () => { tryProblem.hidden = true; });
  document.getElementById('try-form').addEventListener('submit', (event) => {
    event.preventDefault();
    let sample;
    try {
      sample = JSON.parse(trySample.value || '{}');
    } catch (error) {
      tryProblem.textContent = t('sampleNotJson', { error: error.message });
      tryProblem.hidden = false;
      return;
    }
    lastSample = sample && typeof sample === 'object' ? sample : lastSample;
    tryDialog.close();
    busy(document.getElementById('try'), () => tryRun(sample));
  });

  modeler.on('commandStack.changed', clearPath);
}
