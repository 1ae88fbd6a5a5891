// attacks: An error whose name is 30 MB
// must: Error with the name capped (the recorded message at most ~2,200 characters) and the message 'boom' kept
const e = new Error('boom');
e.name = 'N'.repeat(3e7);
throw e;
