// A user task's form, beside the modeler: "Edit form" opens it in the form editor; "New form"
// makes one for the task (the task names it), deploys the diagram with it and opens the
// form editor. A business rule task whose decision table the version holds offers "Edit
// decision table" (the decision editor).
export function setupTaskForm({
  modeler, root, t, post, busy, escapeHtml, readJson, showProblems, setDirty,
}) {
  let taskForms = readJson(root.dataset.taskForms) || {};
  const taskFormBox = document.getElementById('task-form');
  const formDialog = document.getElementById('form-dialog');
  const formTitle = document.getElementById('form-new-title');
  const formComment = document.getElementById('form-new-comment');
  let formTask = null;

  function formOf(element) {
    return element.businessObject.get('camunda:formKey') || taskForms[element.id] || '';
  }

  function showTaskForm(element) {
    formTask = element;
    const name = formOf(element);
    const edit = document.getElementById('task-form-edit');
    document.getElementById('task-form-text').textContent = name ? t('taskForm', { name }) : t('taskNoForm');
    edit.hidden = !name;
    if (name) edit.href = root.dataset.formEditUrl.replace('__name__', encodeURIComponent(name));
    document.getElementById('task-form-new').hidden = Boolean(name);
    taskFormBox.hidden = false;
  }

  // A business rule task's decision table, deployed with this version: "Edit decision table".
  let taskDecisions = readJson(root.dataset.taskDecisions) || {};
  const decisionBox = document.getElementById('task-decision');
  modeler.on('selection.changed', ({ newSelection }) => {
    const [element] = newSelection;
    const decision = newSelection.length === 1 && element.type === 'bpmn:BusinessRuleTask'
      && taskDecisions[element.id];
    decisionBox.hidden = !decision;
    if (decision) {
      document.getElementById('task-decision-text').textContent = t('taskDecision', { name: decision.name });
      document.getElementById('task-decision-edit').href = root.dataset.decisionEditUrl
        .replace('__id__', encodeURIComponent(decision.id));
    }
  });

  modeler.on('selection.changed', ({ newSelection }) => {
    const [element] = newSelection;
    if (newSelection.length === 1 && element.type === 'bpmn:UserTask') showTaskForm(element);
    else {
      formTask = null;
      taskFormBox.hidden = true;
    }
  });

  document.getElementById('task-form-new').addEventListener('click', () => {
    formTitle.value = (formTask && formTask.businessObject.name) || '';
    formComment.value = '';
    formDialog.showModal();
    formTitle.focus();
  });
  document.getElementById('form-new-cancel').addEventListener('click', () => formDialog.close());

  async function newForm(element) {
    const name = `${element.id}-schema.json`;
    modeler.get('modeling').updateProperties(element, { 'camunda:formKey': name });
    const { status, body } = await post(root.dataset.formNewUrl, {
      element_id: element.id, title: formTitle.value, comment: formComment.value,
    });
    if (status === 201) {
      setDirty(false);
      root.dataset.formMade = body.form;
      window.location.assign(body.edit_url);
      return;
    }
    modeler.get('commandStack').undo(); // the task shows no form it does not have
    const errors = body.errors || [];
    showProblems(errors, [], escapeHtml(status === 403 && errors[0] ? errors[0].message
      : t('formNotMade', { count: errors.length })));
  }

  document.getElementById('form-new-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!formTask || !formTitle.value.trim()) return;
    const element = formTask;
    formDialog.close();
    busy(document.getElementById('task-form-new'), () => newForm(element));
  });

  // After a deploy: the forms and decision tables of the new version.
  return {
    update(version) {
      taskForms = version.task_forms || {};
      taskDecisions = version.task_decisions || {};
    },
  };
}
