// The properties panel shows what the engine reads: the Camunda groups HyperCRM refuses at
// validation (listeners, field injections, Camunda Connect, generated forms, input/output
// mappings outside a connector call) are left out, and those it ignores are marked.
const REFUSED = new Set([
  'CamundaPlatform__ExecutionListener',
  'CamundaPlatform__TaskListener',
  'CamundaPlatform__FieldInjection',
  'CamundaPlatform__ConnectorInput',
  'CamundaPlatform__ConnectorOutput',
  'CamundaPlatform__FormData',
  'CamundaPlatform__Output',
]);
const IGNORED = new Set(['CamundaPlatform__HistoryCleanup', 'CamundaPlatform__Tasklist']);

// A service task whose topic names a connector: its inputs are the connector's parameters
// (engine/parsing/service_inputs.py).
function callsConnector(element, connectors) {
  const business = element.businessObject;
  return element.type === 'bpmn:ServiceTask' && connectors().has(business.get('camunda:topic'));
}

export function panelModule({ t, connectors }) {
  function EngineProperties(propertiesPanel) {
    this.getGroups = (element) => (groups) => groups
      .filter((group) => !REFUSED.has(group.id))
      .filter((group) => group.id !== 'CamundaPlatform__Input' || callsConnector(element, connectors))
      .map((group) => (IGNORED.has(group.id)
        ? { ...group, label: t('notRead', { label: group.label }), hypercrmIgnored: true }
        : group));
    // After the Camunda and template providers (priorities 500 and 300): sees their groups.
    propertiesPanel.registerProvider(100, this);
  }
  EngineProperties.$inject = ['propertiesPanel'];
  return { __init__: ['engineProperties'], engineProperties: ['type', EngineProperties] };
}
