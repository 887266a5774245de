/** The tag a site pastes: the first-party script reads its write key from `data-write-key`. */
export function trackingSnippet(writeKey: string): string {
  return `<script async src="${window.location.origin}/t/baton.js" data-write-key="${writeKey}"></script>`;
}

/** Where a form posts (JSON or an HTML form post). */
export const formPostUrl = (formKey: string) => `${window.location.origin}/f/v1/${formKey}`;
