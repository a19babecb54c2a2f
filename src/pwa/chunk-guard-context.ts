/** The page's chunk-reload guard, for components that lazily load a chunk of their own. */
import { createContext } from 'react';
import type { ChunkReloadGuard } from './chunk-reload';

export const ChunkGuardContext = createContext<ChunkReloadGuard | null>(null);
