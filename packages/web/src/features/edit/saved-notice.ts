// The confirmation after a save, shown over the page the user is taken to: which file was
// written. It lives outside React's tree so it survives the navigation that follows a
// save. Invariants: one notice at a time; announced politely (role=status); dismissible
// by a button; removed by itself after a while.

const NOTICE_ID = 'kpi-saved-notice';
const SHOW_MS = 12_000;

/** Shows "title" with a "Written to <file>" line over whatever page comes next. */
export const showSavedNotice = (title: string, file: string | undefined): void => {
  document.getElementById(NOTICE_ID)?.remove();
  const box = document.createElement('div');
  box.id = NOTICE_ID;
  box.className = 'saved-notice';
  box.setAttribute('role', 'status');
  box.dataset['testid'] = 'saved-notice';
  const text = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = title;
  text.append(strong);
  if (file) {
    const line = document.createElement('div');
    line.className = 'small';
    line.append('Written to ');
    const code = document.createElement('code');
    code.textContent = file;
    line.append(code);
    text.append(line);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button-quiet';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => box.remove());
  box.append(text, close);
  document.body.append(box);
  window.setTimeout(() => box.remove(), SHOW_MS);
};
