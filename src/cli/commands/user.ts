import { parseArgs } from 'node:util';
import { ROLES, Role, Username } from '../../contracts/auth.ts';
import { createUserService } from '../../services/user.service.ts';
import { SYSTEM_ACTOR } from '../../services/actor.ts';
import { openContext } from '../context.ts';
import { readAll, UsageError, type CliIO } from '../io.ts';

export const USER_HELP = `tingfeng user — manage people who sign in

Usage:
  tingfeng user add NAME --role ROLE [--unit UNIT] [--display-name TEXT] --password-stdin
  tingfeng user list
  tingfeng user passwd NAME --password-stdin
  tingfeng user disable NAME
  tingfeng user enable NAME

Roles: ${ROLES.join(', ')} (a unit_liaison needs --unit, a unit id or name)

Examples:
  echo 'a-long-secret-1' | tingfeng user add wang --role duty_officer --password-stdin
  echo 'a-long-secret-2' | tingfeng user add li --role unit_liaison --unit 水务局 --password-stdin
  tingfeng user disable wang
`;

export async function userCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [sub, name] = positionals;
  if (values.help || !sub) {
    io.stdout.write(USER_HELP);
    return sub || values.help ? 0 : 2;
  }
  if (!['add', 'list', 'passwd', 'disable', 'enable'].includes(sub)) throw new UsageError(`unknown subcommand user ${sub}`);
  if (sub !== 'list' && !name) throw new UsageError(`tingfeng user ${sub} needs a NAME`);
  const ctx = await openContext({ overrides: { dataDir: values['data-dir'] } });
  const users = createUserService(ctx.store);
  const now = Date.now();
  try {
    switch (sub) {
      case 'list': {
        for (const u of await users.list()) io.stdout.write(`${u.username}\t${u.role}\t${u.unitId ?? '-'}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}\n`);
        return 0;
      }
      case 'add': {
        const role = Role.safeParse(values.role);
        if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        if (!Username.safeParse(name).success) throw new UsageError('NAME must be 2–64 letters, digits or _ . @ -');
        if (!values['password-stdin']) throw new UsageError('give the password on standard input with --password-stdin');
        const password = await readAll(io.stdin);
        if (password.length < 10) throw new UsageError('the password must have at least 10 characters');
        const u = await users.create(SYSTEM_ACTOR, { username: name!, role: role.data, unitId: values.unit ?? null, displayName: values['display-name'], password }, now);
        io.stdout.write(`created ${u.username} (${u.role}${u.unitId ? `, unit ${u.unitId}` : ''})\n`);
        return 0;
      }
      case 'passwd': {
        if (!values['password-stdin']) throw new UsageError('give the new password on standard input with --password-stdin');
        const password = await readAll(io.stdin);
        if (password.length < 10) throw new UsageError('the password must have at least 10 characters');
        await users.update(SYSTEM_ACTOR, name!, { password }, now);
        io.stdout.write(`password changed for ${name}\n`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        await users.update(SYSTEM_ACTOR, name!, { disabled: sub === 'disable' }, now);
        io.stdout.write(`${sub}d ${name}\n`);
        return 0;
      }
      default:
        return 2;
    }
  } finally {
    await ctx.store.close();
  }
}
