// Every page: htmx (live inbox, filters), line items on task forms, confirmations, local times.
import htmx from 'htmx.org';

window.htmx = htmx;

function addRow(button) {
  const box = button.closest('[data-line-items]');
  const template = box.querySelector(':scope > template[data-row-template]');
  const rows = box.querySelector('[data-rows]');
  const index = Number(box.dataset.nextIndex || rows.children.length);
  box.dataset.nextIndex = String(index + 1);
  rows.insertAdjacentHTML('beforeend', template.innerHTML.replaceAll('__index__', String(index)));
  const first = rows.lastElementChild.querySelector('input, select, textarea');
  if (first) first.focus();
}

document.addEventListener('click', (event) => {
  const add = event.target.closest('[data-add-row]');
  if (add) {
    addRow(add);
    return;
  }
  const remove = event.target.closest('[data-remove-row]');
  if (remove) {
    const row = remove.closest('[data-row]');
    const form = remove.closest('form');
    if (row) row.remove();
    // A line fewer changes what the form adds up to (a summary listens for "change").
    if (form) form.dispatchEvent(new Event('change', { bubbles: true }));
  }
});

document.addEventListener('submit', (event) => {
  const question = event.target.dataset ? event.target.dataset.confirm : '';
  if (question && !window.confirm(question)) event.preventDefault();
});

// Times marked data-local are shown in the reader's own time zone and language.
function localTimes() {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: 'medium', timeStyle: 'short',
  });
  for (const node of document.querySelectorAll('time[data-local]:not([data-localized])')) {
    node.dataset.localized = 'true';
    const moment = new Date(node.getAttribute('datetime'));
    if (!Number.isNaN(moment.getTime())) {
      node.title = node.textContent;
      node.textContent = format.format(moment);
    }
  }
}
localTimes();
document.addEventListener('htmx:afterSwap', localTimes);

// Saving a filter saves what the list shows now: the filter form changes the list in place
// (htmx), so its current values replace the ones the page was first drawn with.
document.addEventListener('submit', (event) => {
  const save = event.target.closest ? event.target.closest('form[data-filters-of]') : null;
  const filters = save && document.getElementById(save.dataset.filtersOf);
  if (!filters) return;
  save.querySelectorAll('input[data-page-param]').forEach((input) => input.remove());
  new FormData(filters).forEach((value, name) => {
    const input = document.createElement('input');
    Object.assign(input, { type: 'hidden', name, value });
    input.dataset.pageParam = '';
    save.appendChild(input);
  });
});
// A list that shows its own refusals (a deal move answered 400 or 409) swaps them in too.
document.addEventListener('htmx:beforeSwap', (event) => {
  const status = event.detail.xhr.status;
  if ((status === 400 || status === 409) && event.detail.target.closest('[data-swap-errors]')) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// The deals board: a card dropped on another stage is moved by its own Move form; a drop on
// a lost stage opens the form so that a reason is picked first.
let draggedDeal = null;
document.addEventListener('dragstart', (event) => {
  const card = event.target.closest && event.target.closest('.deal-card[draggable=true]');
  if (!card) return;
  draggedDeal = card;
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData('text/plain', card.dataset.deal);
});
document.addEventListener('dragover', (event) => {
  const column = draggedDeal && event.target.closest && event.target.closest('.board-column');
  if (column && !column.contains(draggedDeal)) {
    event.preventDefault();
    column.classList.add('drop-here');
  }
});
document.addEventListener('dragleave', (event) => {
  const column = event.target.closest && event.target.closest('.board-column');
  if (column && !column.contains(event.relatedTarget)) column.classList.remove('drop-here');
});
document.addEventListener('drop', (event) => {
  const column = draggedDeal && event.target.closest && event.target.closest('.board-column');
  if (!column) return;
  event.preventDefault();
  column.classList.remove('drop-here');
  const form = draggedDeal.querySelector('form[data-move-form]');
  draggedDeal = null;
  if (!form) return;
  form.querySelector('[data-stage-select]').value = column.dataset.stage;
  if (column.hasAttribute('data-lost')) {
    form.closest('details').open = true;
    form.querySelector('[data-reason-select]').focus();
    return;
  }
  form.requestSubmit();
});
document.addEventListener('dragend', () => { draggedDeal = null; });
