// Diagrams written by hand or by engines often carry no layout (no BPMNDiagram);
// bpmn-auto-layout draws one so that they can still be shown and edited.
import { layoutProcess } from 'bpmn-auto-layout';

const HAS_DIAGRAM = /<([\w.-]+:)?BPMNDiagram[\s>/]/;

export async function withLayout(xml) {
  if (HAS_DIAGRAM.test(xml)) return { xml, laidOut: false };
  try {
    return { xml: await layoutProcess(xml), laidOut: true };
  } catch (error) {
    console.warn('The diagram has no layout and none could be made:', error);
    return { xml, laidOut: false };
  }
}

export function readJson(id) {
  const node = id ? document.getElementById(id) : null;
  return node ? JSON.parse(node.textContent) : null;
}

export function formatSeconds(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const minutes = Math.round((s % 3600) / 60);
    return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
  }
  const hours = Math.round((s % 86400) / 3600);
  return hours ? `${Math.floor(s / 86400)} d ${hours} h` : `${Math.floor(s / 86400)} d`;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}
