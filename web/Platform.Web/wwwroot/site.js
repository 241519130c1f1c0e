// GOV.UK Frontend's components (error summary focus, details, skip link), started again after each
// enhanced navigation or form post, which swap the page without a full load.
import { initAll } from './govuk/govuk-frontend.min.js';

function start() {
  document.body.classList.add('govuk-frontend-supported');
  try { initAll(); } catch { /* a component already started */ }
  startDashScore();
}

// The DASH score as she answers (the page draws the same from what was posted; the platform scores what
// is saved): the "yes" count, the level at the checklist's thresholds, and the criterion the answers meet.
function startDashScore() {
  const form = document.querySelector('form[data-dash-score]');
  const panel = document.getElementById('dash-score');
  if (!form || !panel || form.dataset.dashStarted) return;
  form.dataset.dashStarted = 'true';
  const high = Number(panel.dataset.high);
  const medium = Number(panel.dataset.medium);
  const levels = ['Not assessed', 'Standard', 'Medium', 'High'];
  const update = () => {
    const yes = form.querySelectorAll('input[type=radio][value=Yes]:checked').length;
    const scored = yes >= high ? 3 : yes >= medium ? 2 : 1;
    const judgement = levels.indexOf(form.querySelector('#judgement')?.selectedOptions[0]?.textContent ?? '');
    document.getElementById('dash-score-value').textContent = String(yes);
    document.getElementById('dash-level').textContent = levels[Math.max(scored, judgement)];
    document.getElementById('dash-marac').textContent =
      yes >= high ? `recommended: visible high risk (${yes} “yes”, ${high} or more)`
      : judgement === 3 && scored < 3 ? 'recommended: professional judgement raised the level to high'
      : 'not recommended on these answers alone (escalation and repeat incidents are checked when it is saved)';
  };
  form.addEventListener('change', update);
  update();
}

start();
if (window.Blazor) {
  window.Blazor.addEventListener('enhancedload', start);
} else {
  document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener('enhancedload', start));
}
