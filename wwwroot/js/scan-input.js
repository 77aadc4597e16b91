// Keyboard-wedge scanners type a DataMatrix's <GS> (ASCII 29) as Ctrl+] or as the control
// character itself, which a browser input would drop. Inside a .scan-input field, put the
// real character at the caret and tell Blazor the value changed.
document.addEventListener('keydown', function (e) {
  var field = e.target && e.target.closest && e.target.closest('.scan-input');
  if (!field || e.target.tagName !== 'INPUT') return;
  var isGs = e.key === '\u001d' || e.keyCode === 29 || (e.ctrlKey && !e.altKey && (e.key === ']' || e.code === 'BracketRight'));
  if (!isGs) return;
  e.preventDefault();
  var input = e.target, start = input.selectionStart || 0, end = input.selectionEnd || 0;
  input.value = input.value.slice(0, start) + '\u001d' + input.value.slice(end);
  input.selectionStart = input.selectionEnd = start + 1;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}, true);
