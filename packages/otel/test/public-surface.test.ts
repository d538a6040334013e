// @cassia/otel's root exports what its README documents.
import * as otel from '@cassia/otel';

describe('@cassia/otel runtime exports', () => {
  it('are the instrumentation, instrument() and the scope name and version', () => {
    expect(Object.keys(otel).sort()).toEqual(['INSTRUMENTATION_NAME', 'INSTRUMENTATION_VERSION', 'cassiaInstrumentation', 'instrument'].sort());
  });
});
