import { defineConfig } from 'vite';

// One ES module that defines every element: a host needs only a <script type="module"> tag.
export default defineConfig({
  build: {
    outDir: 'dist',
    copyPublicDir: false,
    lib: { entry: 'src/widget/index.ts', formats: ['es'], fileName: () => 'ce-marketplace.js' },
    rolldownOptions: { output: { minify: true } },
  },
});
