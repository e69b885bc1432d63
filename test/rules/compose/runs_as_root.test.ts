import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('a service built from a Dockerfile without USER runs as the base image user (low)', async () => {
  const [f] = await catches('compose.runs_as_root', { 'docker-compose.yml': 'services:\n  web:\n    build: ./web\n', 'web/Dockerfile': 'FROM debian:12\nRUN apt-get update\n' }, ['docker-compose.yml:3/dockerfile_no_user']);
  expect([f?.severity, f?.message]).toEqual(['low', 'Service "web" is built from web/Dockerfile, which sets no USER: it runs as its base image\'s user, root for most images.']);
});
