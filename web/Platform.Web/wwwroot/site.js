// GOV.UK Frontend's components (error summary focus, details, skip link), started again after each
// enhanced navigation or form post, which swap the page without a full load.
import { initAll } from './govuk/govuk-frontend.min.js';

function start() {
  document.body.classList.add('govuk-frontend-supported');
  try { initAll(); } catch { /* a component already started */ }
}

start();
if (window.Blazor) {
  window.Blazor.addEventListener('enhancedload', start);
} else {
  document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener('enhancedload', start));
}
