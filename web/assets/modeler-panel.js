// The properties panel shows what the engine reads: the Camunda groups HyperCRM refuses at
// validation (field injections, Camunda Connect, input/output mappings and listeners
// outside an activity, a connector call's outputs) are left out, and so is a start event's
// generated form, checked but not shown; those it ignores are marked, as are the extension
// properties it does not read. Listeners and input/output parameters run on activities
// (engine/parsing/camunda_io.py); a Java listener is still refused when validated.
const REFUSED = new Set([
  'CamundaPlatform__FieldInjection',
  'CamundaPlatform__ConnectorInput',
  'CamundaPlatform__ConnectorOutput',
]);
// Groups shown only on activities (tasks, sub-processes, call activities); an execution
// listener on the process itself runs too.
const ON_ACTIVITIES = new Set([
  'CamundaPlatform__Input',
  'CamundaPlatform__Output',
  'CamundaPlatform__ExecutionListener',
  'CamundaPlatform__TaskListener',
]);
const IGNORED = new Set(['CamundaPlatform__HistoryCleanup', 'CamundaPlatform__Tasklist']);

// A service task whose topic names a connector: its inputs are the connector's parameters
// (engine/parsing/service_inputs.py).
function callsConnector(element, connectors) {
  const business = element.businessObject;
  return element.type === 'bpmn:ServiceTask' && connectors().has(business.get('camunda:topic'));
}

// An external worker's service task (a topic that names no connector): the worker gets all
// of its extension properties, so none is marked.
function forWorker(element, connectors) {
  const business = element.businessObject;
  return element.type === 'bpmn:ServiceTask' && business.get('camunda:type') === 'external'
    && !callsConnector(element, connectors);
}

// The extension properties the engine reads on this element (engine/parsing/elements.py
// READ_PROPERTIES, by kind: "userTask", "process", "*" for every flow node).
function readNames(element, readProperties) {
  const type = element.type === 'bpmn:Participant' ? 'Process' : element.type.replace('bpmn:', '');
  const kind = type.charAt(0).toLowerCase() + type.slice(1); // bpmn:UserTask: userTask
  return new Set([...(kind === 'process' ? [] : readProperties['*'] || []), ...(readProperties[kind] || [])]);
}

// Each extension property the engine does not read is marked "(not read by HyperCRM)".
function markUnread(group, element, { t, connectors, readProperties }) {
  if (!group.items || forWorker(element, connectors)) return group;
  const read = readNames(element, readProperties);
  return {
    ...group,
    items: group.items.map((item) => (read.has(item.label)
      ? item
      : { ...item, label: t('notRead', { label: item.label }), hypercrmIgnored: true })),
  };
}

function isActivity(element) {
  return /Task$/.test(element.type) || ['bpmn:SubProcess', 'bpmn:CallActivity'].includes(element.type);
}

function shownOn(group, element, connectors) {
  if (!ON_ACTIVITIES.has(group.id)) return true;
  if (group.id === 'CamundaPlatform__ExecutionListener' && ['bpmn:Process', 'bpmn:Participant'].includes(element.type)) return true;
  if (!isActivity(element)) return false;
  // A connector call's result is its result variable (camunda:resultVariable).
  return group.id !== 'CamundaPlatform__Output' || !callsConnector(element, connectors);
}

export function panelModule({ t, connectors, readProperties }) {
  function EngineProperties(propertiesPanel) {
    this.getGroups = (element) => (groups) => groups
      .filter((group) => !REFUSED.has(group.id))
      .filter((group) => shownOn(group, element, connectors))
      // A generated form (camunda:formData) runs on a user task; a start event's is refused.
      .filter((group) => group.id !== 'CamundaPlatform__FormData' || element.type === 'bpmn:UserTask')
      .map((group) => (IGNORED.has(group.id)
        ? { ...group, label: t('notRead', { label: group.label }), hypercrmIgnored: true }
        : group))
      .map((group) => (group.id === 'CamundaPlatform__ExtensionProperties'
        ? markUnread(group, element, { t, connectors, readProperties })
        : group));
    // After the Camunda and template providers (priorities 500 and 300): sees their groups.
    propertiesPanel.registerProvider(100, this);
  }
  EngineProperties.$inject = ['propertiesPanel'];
  return { __init__: ['engineProperties'], engineProperties: ['type', EngineProperties] };
}
