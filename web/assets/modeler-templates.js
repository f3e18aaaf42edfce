// Connectors from a list: the installation's connectors as Camunda element templates
// (GET /api/element-templates/, in the reader's language). Choosing one for a service task
// (the side panel's "Choose a connector", or "Select" under Template in the properties
// panel) applies it: the panel then shows the connector's fields and nothing else.
export function setupTemplates({ modeler, root, t, escapeHtml, say, connectorNames }) {
  const dialog = document.getElementById('template-dialog');
  const search = document.getElementById('template-search');
  const list = document.getElementById('template-list');
  const box = document.getElementById('task-connector');
  const elementTemplates = modeler.get('elementTemplates');
  let templates = [];
  let target = null;

  function applicable(element) {
    return templates.filter((template) => template.appliesTo.some((type) => element.type === type));
  }

  function render() {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = applicable(target).filter((template) => {
      const text = `${template.name} ${template.description} ${template.keywords.join(' ')}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
    list.innerHTML = shown.length
      ? shown.map((template) => `<li><button type="button" class="template-choice" data-template="${escapeHtml(template.id)}">`
        + `<strong>${escapeHtml(template.name)}</strong> <code>${escapeHtml(template.keywords[0])}</code>`
        + `<span class="muted">${escapeHtml(template.description)}</span></button></li>`).join('')
      : `<li class="muted">${escapeHtml(t('noConnector'))}</li>`;
  }

  function choose(element) {
    target = element;
    search.value = '';
    render();
    dialog.showModal();
    search.focus();
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('[data-template]');
    if (!button || !target) return;
    const template = templates.find((one) => one.id === button.dataset.template);
    const element = target;
    dialog.close();
    elementTemplates.applyTemplate(element, template);
    // Reselect the task so that the panel shows the connector's fields.
    modeler.get('selection').select(modeler.get('elementRegistry').get(element.id));
  });
  search.addEventListener('input', render);
  document.getElementById('template-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { target = null; });

  // The properties panel's "Select" / "Change" of the Template group.
  modeler.on('elementTemplates.select', ({ element }) => choose(element));

  function showBox(element) {
    const template = elementTemplates.get(element);
    document.getElementById('task-connector-text').textContent = template
      ? t('taskConnector', { name: template.name })
      : t('taskNoConnector');
    box.hidden = false;
  }

  modeler.on('selection.changed', ({ newSelection }) => {
    const [element] = newSelection;
    if (newSelection.length === 1 && element.type === 'bpmn:ServiceTask' && templates.length) {
      showBox(element);
    } else box.hidden = true;
  });
  modeler.on('elements.changed', ({ elements }) => {
    const [selected] = modeler.get('selection').get();
    if (selected && !box.hidden && elements.some((one) => one.id === selected.id)) showBox(selected);
  });
  document.getElementById('task-connector-choose').addEventListener('click', () => {
    const [element] = modeler.get('selection').get();
    if (element) choose(element);
  });

  fetch(root.dataset.templatesUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((answer) => {
      if (!answer.ok) throw new Error(t('serverAnswered', { status: answer.status }));
      return answer.json();
    })
    .then((loaded) => {
      templates = loaded;
      for (const template of templates) connectorNames.add(template.keywords[0]);
      elementTemplates.set(templates);
      root.dataset.templates = String(templates.length);
    })
    .catch((error) => say('error', escapeHtml(t('noTemplates', { error: error.message }))));
}
