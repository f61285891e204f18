// Draws an ECharts option into an element, for the EChart component. The element gets data-rendered="true" once the
// chart has finished drawing (browser tests wait on it); a ResizeObserver keeps the chart fitted to its box.
export function render(element, option, dotnet) {
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'canvas' });
    if (!element._clienteleObserver) {
        element._clienteleObserver = new ResizeObserver(() => chart.resize());
        element._clienteleObserver.observe(element);
    }
    element.removeAttribute('data-rendered');
    chart.off('finished');
    chart.on('finished', () => element.setAttribute('data-rendered', 'true'));
    chart.off('click');
    if (dotnet) {
        chart.on('click', p => dotnet.invokeMethodAsync('Clicked', {
            name: p.name ?? null,
            seriesName: p.seriesName ?? null,
            dataIndex: typeof p.dataIndex === 'number' ? p.dataIndex : -1,
            id: p.data && p.data.id !== undefined && p.data.id !== null ? String(p.data.id) : null,
        }));
    }
    chart.setOption({ ...option, animation: false }, true);
}

export function dispose(element) {
    element._clienteleObserver?.disconnect();
    echarts.getInstanceByDom(element)?.dispose();
}
