import { describe, expect, it } from 'vitest';
import { ClusterProfileSchema, type ClusterProfileInput } from '../../../../../../shared/clusters/clusterProfile';
import { mergeImported } from '../../../../../../electron/services/ssh/sshConfig/mergeImported';

const imported: ClusterProfileInput = {
  name: 'hpc',
  host: 'login.hpc.example.org',
  port: 2222,
  user: 'alice',
  auth: { agent: false, keyFiles: ['/home/alice/.ssh/id_hpc'], password: false, keyboardInteractive: true },
  jump: [{ host: 'gw.example.org', port: 2022, user: 'alice' }],
};

describe('mergeImported', () => {
  it('lets every explicit value win over the config file', () => {
    const merged = mergeImported({ name: 'my-hpc', user: 'bob', port: 22, hostKeyPolicy: 'reject', jump: [] }, imported);
    expect(merged).toEqual({ ...imported, name: 'my-hpc', user: 'bob', port: 22, hostKeyPolicy: 'reject', jump: [] });
    expect(ClusterProfileSchema.safeParse(merged).success).toBe(true);
  });

  it('merges auth field by field, so one explicit switch keeps the imported key files', () => {
    expect(mergeImported({ auth: { agent: true } }, imported).auth).toEqual({
      agent: true,
      keyFiles: ['/home/alice/.ssh/id_hpc'],
      password: false,
      keyboardInteractive: true,
    });
  });

  it('treats undefined as not given, and leaves the imported profile untouched', () => {
    const before = structuredClone(imported);
    const merged = mergeImported({ host: undefined, user: undefined, auth: { keyFiles: undefined, password: true } }, imported);
    expect(merged.host).toBe('login.hpc.example.org');
    expect(merged.user).toBe('alice');
    expect(merged.auth).toEqual({ ...imported.auth, password: true });
    expect(imported).toEqual(before);
  });
});
