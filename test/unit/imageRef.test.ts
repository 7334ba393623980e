import { describe, expect, it } from 'vitest';
import { authServerAddress, parseImageRef } from '../../src-main/runtime/imageRef';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseImageRef', () => {
  it.each([
    ['busybox', 'docker.io', 'busybox:latest'],
    ['python:3.11', 'docker.io', 'python:3.11'],
    ['ubuntu:22.04', 'docker.io', 'ubuntu:22.04'],
    ['library/ubuntu', 'docker.io', 'library/ubuntu:latest'],
    ['user/repo:v1', 'docker.io', 'user/repo:v1'],
    ['my-org/my_app-x:1.0-rc.1', 'docker.io', 'my-org/my_app-x:1.0-rc.1'],
    ['docker.io/library/busybox:1.36', 'docker.io', 'docker.io/library/busybox:1.36'],
    ['gcr.io/my-project/model-server:v1.0', 'gcr.io', 'gcr.io/my-project/model-server:v1.0'],
    ['private-registry.company.com:5000/app:latest', 'private-registry.company.com:5000', 'private-registry.company.com:5000/app:latest'],
    ['127.0.0.1:5000/sandlot/private', '127.0.0.1:5000', '127.0.0.1:5000/sandlot/private:latest'],
    ['localhost/app', 'localhost', 'localhost/app:latest'],
    ['localhost:5000/team/app:dev', 'localhost:5000', 'localhost:5000/team/app:dev'],
    ['registry:5000/app', 'registry:5000', 'registry:5000/app:latest'],
    ['a/b/c/d:Tag_1', 'docker.io', 'a/b/c/d:Tag_1'],
  ])('%j → registry %j, pull %j', (uri, registry, pullRef) => {
    expect(parseImageRef(uri)).toEqual({ registry, pullRef });
  });

  it('pulls by digest when one is given', () => {
    expect(parseImageRef(`busybox@${DIGEST}`)).toEqual({ registry: 'docker.io', pullRef: `busybox@${DIGEST}` });
    expect(parseImageRef(`127.0.0.1:5000/app@${DIGEST}`)).toEqual({ registry: '127.0.0.1:5000', pullRef: `127.0.0.1:5000/app@${DIGEST}` });
  });

  it('lets the digest win over a tag, like Docker', () => {
    expect(parseImageRef(`busybox:1.36@${DIGEST}`)?.pullRef).toBe(`busybox@${DIGEST}`);
  });

  it('always pulls a tag or digest, never a bare name', () => {
    for (const uri of ['busybox', 'gcr.io/p/x', 'localhost:5000/x']) {
      const ref = parseImageRef(uri);
      expect(ref?.pullRef).toMatch(/:[\w][\w.-]*$|@sha256:[a-f0-9]{64}$/);
    }
  });

  it('reads "name:port-like-tag" without a slash as a Docker Hub name and tag', () => {
    expect(parseImageRef('localhost:5000')).toEqual({ registry: 'docker.io', pullRef: 'localhost:5000' });
  });

  it.each([
    '',
    ' ',
    'Busybox',
    'User/repo',
    'busybox:',
    ':latest',
    'busybox::1',
    'a b',
    'busybox@sha256:abc',
    `busybox@sha256:${'A1'.repeat(32)}`,
    `busybox@md5:${'a'.repeat(32)}`,
    'http://registry.example.com/app',
    'registry.example.com:port/app',
    'registry.example.com/',
    '/app',
    'app/',
    'a//b',
    '-app',
    'app-',
    'app__',
    `busybox:${'t'.repeat(129)}`,
    `busybox:.tag`,
    `${'a'.repeat(256)}`,
  ])('refuses %j', (uri) => {
    expect(parseImageRef(uri)).toBeNull();
  });

  it('accepts the longest tag (128 characters) and a 255-character repository', () => {
    expect(parseImageRef(`busybox:${'t'.repeat(128)}`)).not.toBeNull();
    expect(parseImageRef('a'.repeat(255))).toEqual({ registry: 'docker.io', pullRef: `${'a'.repeat(255)}:latest` });
  });

  it('limits registry plus repository to 255 characters together', () => {
    // 'gcr.io/' is 7 characters: 248 more make exactly 255.
    expect(parseImageRef(`gcr.io/${'a'.repeat(248)}`)).toEqual({ registry: 'gcr.io', pullRef: `gcr.io/${'a'.repeat(248)}:latest` });
    expect(parseImageRef(`gcr.io/${'a'.repeat(249)}`)).toBeNull();
    expect(parseImageRef(`gcr.io/${'a'.repeat(250)}:v1`)).toBeNull();
    expect(parseImageRef(`localhost:5000/team/${'a'.repeat(240)}`)).toBeNull();
  });

  it.each(['index.docker.io', 'registry-1.docker.io'])('treats %s as Docker Hub for credentials, keeping the name to pull', (host) => {
    const ref = parseImageRef(`${host}/library/busybox:1`);
    expect(ref).toEqual({ registry: 'docker.io', pullRef: `${host}/library/busybox:1` });
    if (ref) expect(authServerAddress(ref.registry)).toBe('https://index.docker.io/v1/');
  });
});

describe('authServerAddress', () => {
  it('uses the Docker Hub index address for docker.io', () => {
    expect(authServerAddress('docker.io')).toBe('https://index.docker.io/v1/');
  });

  it('uses the registry host itself elsewhere', () => {
    expect(authServerAddress('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(authServerAddress('gcr.io')).toBe('gcr.io');
    expect(authServerAddress('localhost:5000')).toBe('localhost:5000');
  });

  it('pairs with parseImageRef for a Docker Hub image', () => {
    const ref = parseImageRef('python:3.11');
    expect(ref).not.toBeNull();
    if (ref) expect(authServerAddress(ref.registry)).toBe('https://index.docker.io/v1/');
  });
});
