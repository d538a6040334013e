// instrument(): registers the instrumentation on a registry (the default one when none is given)
// and returns its unsubscribe; anything but a registry is refused before anything is registered.
import { ConfigurationError, ConnectionRegistry } from '@cassia/core';
import { defaultRegistry } from '@cassia/core/internal';
import { instrument } from '../src/instrument';

describe('instrument', () => {
  it('registers on the given registry and unregisters with the returned function', () => {
    const registry = new ConnectionRegistry();
    const use = jest.spyOn(registry, 'use');
    const uninstall = instrument(registry, { captureCql: false });
    expect(use).toHaveBeenCalledTimes(1);
    expect(typeof use.mock.calls[0][0]).toBe('function');
    expect(typeof uninstall).toBe('function');
    expect(uninstall.flush()).toBeInstanceOf(Promise);
    uninstall();
    uninstall();
  });

  it('registers on the default registry when given none', () => {
    const use = jest.spyOn(defaultRegistry, 'use');
    try {
      instrument()();
      expect(use).toHaveBeenCalledTimes(1);
    } finally {
      use.mockRestore();
    }
  });

  it('refuses what is not a registry, and bad options, registering nothing', () => {
    const registry = new ConnectionRegistry();
    const use = jest.spyOn(registry, 'use');
    expect(() => instrument({ use: () => () => undefined } as never)).toThrow(ConfigurationError);
    expect(() => instrument(registry, { captureCQL: true } as never)).toThrow(/Unknown option\(s\) 'captureCQL' for cassiaInstrumentation/);
    expect(use).not.toHaveBeenCalled();
  });
});
