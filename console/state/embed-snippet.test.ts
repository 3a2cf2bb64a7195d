import { describe, expect, it } from 'vitest';
import { embedSnippet, QUEUE_STUB } from './embed-snippet.ts';

describe('the embed snippet', () => {
  it('is one script tag loading the widget from the console origin for the site', () => {
    expect(embedSnippet('https://chat.example', 'demo')).toBe('<script src="https://chat.example/widget.js" data-site="demo" async></script>');
  });

  it('quotes a site key that holds HTML characters', () => {
    expect(embedSnippet('https://chat.example', 'a"b<c>')).toBe('<script src="https://chat.example/widget.js" data-site="a&quot;b&lt;c&gt;" async></script>');
  });

  it('has a queueing line that defines Porchlight only when it is missing', () => {
    expect(QUEUE_STUB).toBe('<script>window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)}</script>');
  });
});
